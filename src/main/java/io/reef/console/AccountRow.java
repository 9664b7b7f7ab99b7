package io.reef.console;

import io.quarkus.qute.TemplateData;
import io.reef.upstream.UpstreamAccounts;

/** An upstream account's row on the accounts page: the account (never its key) and why a change was refused, if it was. */
@TemplateData
public record AccountRow(UpstreamAccounts.View account, String error) {
}
