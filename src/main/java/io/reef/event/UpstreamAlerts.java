package io.reef.event;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code upstream.account.alert}: a provider refused one of the reseller's own accounts
 * (401/402/403), which now needs attention. Written in the transaction that moves the account to
 * {@code needs_attention} (see {@code io.reef.upstream.UpstreamAccounts}): the move is a
 * conditional UPDATE, so a burst of refusals, on any number of replicas, is one move and one event;
 * the next one comes after an operator set the account active again and it was refused again. The
 * data never carries a key: provider, account, status and Reef's own description.
 */
@ApplicationScoped
public class UpstreamAlerts {

    private final Outbox outbox;

    public UpstreamAlerts(Outbox outbox) {
        this.outbox = outbox;
    }

    /** Writes the alert event in the caller's transaction (the account's move to needs_attention). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void accountNeedsAttention(String provider, String account, int status, Instant now) {
        ObjectNode data = outbox.data();
        data.put("provider", provider);
        data.put("account", account);
        data.put("status", status);
        data.put("message", message(status));
        outbox.write(EventType.UPSTREAM_ACCOUNT_ALERT, null, null, data, now);
    }

    /** Reef's description of an account refusal. */
    public static String message(int status) {
        return switch (status) {
            case 401 -> "The provider refused the reseller's API key (401): check or rotate the key";
            case 402 -> "The provider refused the reseller's account for payment (402): top up the account";
            case 403 -> "The provider forbids the reseller's account (403): it may be suspended or revoked";
            default -> "The provider refused the reseller's account (" + status + ")";
        };
    }
}
