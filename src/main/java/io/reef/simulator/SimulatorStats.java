package io.reef.simulator;

import java.util.Locale;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The control API's counters of every provider. Never includes the recorded Authorization value. */
final class SimulatorStats {

    private SimulatorStats() {
    }

    /**
     * {@code {"<provider>": {...}, ...}} in name order, each {@code {"submits", "polls", "cancels", "tasks",
     * "max_concurrent_polls_of_one_task", "authorization_seen", "last_task_id", "pending_faults",
     * "pending_delays", "last_submit_body", "accounts"}} ({@code accounts}: how many distinct keys).
     */
    static ObjectNode json(Simulator simulator) {
        ObjectNode json = SimulatorJson.object();
        for (String provider : simulator.names()) {
            json.set(provider, providerJson(simulator, provider));
        }
        return json;
    }

    private static ObjectNode providerJson(Simulator simulator, String provider) {
        ObjectNode json = SimulatorJson.object();
        json.put("submits", simulator.submits(provider));
        json.put("polls", simulator.polls(provider));
        json.put("cancels", simulator.cancels(provider));
        json.put("tasks", simulator.taskCount(provider));
        json.put("max_concurrent_polls_of_one_task", simulator.maxConcurrentPollsOfOneTask(provider));
        json.put("authorization_seen", simulator.lastAuthorization(provider) != null);
        json.put("last_task_id", simulator.lastTaskId(provider));
        ObjectNode faults = json.putObject("pending_faults");
        ObjectNode delays = json.putObject("pending_delays");
        for (Operation op : Operation.values()) {
            String name = op.name().toLowerCase(Locale.ROOT);
            faults.put(name, simulator.pendingFaults(provider, op));
            delays.put(name, simulator.pendingDelays(provider, op));
        }
        json.set("last_submit_body", simulator.lastSubmitBody(provider));
        json.put("accounts", simulator.accountCount(provider));
        return json;
    }

    /**
     * One account's {@code {"submits", "polls", "cancels", "tasks", "balance_usd", "submits_per_minute",
     * "pending_faults": {...}}}, never its key.
     */
    static ObjectNode accountJson(Simulator simulator, String provider, String apiKey) {
        ObjectNode json = SimulatorJson.object();
        json.put("submits", simulator.submits(provider, apiKey));
        json.put("polls", simulator.polls(provider, apiKey));
        json.put("cancels", simulator.cancels(provider, apiKey));
        json.put("tasks", simulator.taskCount(provider, apiKey));
        json.setAll(AccountRequest.settingsJson(simulator, provider, apiKey));
        ObjectNode faults = json.putObject("pending_faults");
        for (Operation op : Operation.values()) {
            faults.put(op.name().toLowerCase(Locale.ROOT), simulator.pendingFaults(provider, op, apiKey));
        }
        return json;
    }
}
