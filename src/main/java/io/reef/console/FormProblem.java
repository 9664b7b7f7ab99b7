package io.reef.console;

import java.util.Map;

/** A form was refused: the error of each field concerned, in words. Nothing was changed. */
final class FormProblem extends RuntimeException {

    private final transient Map<String, String> errors;

    FormProblem(Map<String, String> errors) {
        super(String.join("; ", errors.values()), null, false, false);
        this.errors = Map.copyOf(errors);
    }

    Map<String, String> errors() {
        return errors;
    }
}
