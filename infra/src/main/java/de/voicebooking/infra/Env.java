package de.voicebooking.infra;

/** Environment variables of the stack's tools ({@code infra/.run/stack.env} is sourced before they run). */
public final class Env {
    private Env() {
    }

    /** The variable's value, or {@code fallback} when it is unset or blank. */
    public static String get(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
