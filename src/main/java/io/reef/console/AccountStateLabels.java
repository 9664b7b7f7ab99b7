package io.reef.console;

import io.quarkus.qute.TemplateExtension;
import io.reef.upstream.AccountState;

/** An upstream account's state in words for the console's pages: {@code {account.state.label}} -> "needs attention". */
@TemplateExtension
final class AccountStateLabels {

    private AccountStateLabels() {
    }

    static String label(AccountState state) {
        return state.wire().replace('_', ' ');
    }
}
