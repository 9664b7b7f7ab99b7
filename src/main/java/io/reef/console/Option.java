package io.reef.console;

/** One choice of a select: the value sent and the words shown. */
public record Option(String value, String label) {
}
