package io.reef.provider.sharkai;

/**
 * What a simulated Shark AI task needs to be rendered (its details in the simulator).
 *
 * @param model the requested model id
 * @param timeoutSeconds the task's {@code timeout}
 * @param inputTokens simulated prompt token count
 * @param signature random signature of the task's image URLs
 * @param images how many images were asked for ({@code n}, default 1); the task is billed per image
 */
public record SimulatedSharkAiTask(String model, int timeoutSeconds, int inputTokens, String signature, int images) {
}
