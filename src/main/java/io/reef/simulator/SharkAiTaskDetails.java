package io.reef.simulator;

/**
 * What a simulated Shark AI task needs to be rendered.
 *
 * @param model the requested model id
 * @param timeoutSeconds the task's {@code timeout}
 * @param inputTokens simulated prompt token count
 * @param signature random signature of the task's image URLs
 */
record SharkAiTaskDetails(String model, int timeoutSeconds, int inputTokens, String signature) {
}
