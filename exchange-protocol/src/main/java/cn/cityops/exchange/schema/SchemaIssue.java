package cn.cityops.exchange.schema;

import java.util.Objects;

/**
 * One validation problem: the JSON Pointer (RFC 6901) of the offending value inside the validated document
 * ({@code ""} for the document itself) and an English message such as {@code must be a date-time}.
 *
 * @param pointer JSON Pointer of the value, for example {@code /records/12/gridCode}
 * @param message what is wrong with it
 */
public record SchemaIssue(String pointer, String message) {

    /** Checks that both parts are present. */
    public SchemaIssue {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(message, "message");
    }

    /** {@code <pointer>: <message>}, with {@code (root)} standing for the empty pointer. */
    @Override
    public String toString() {
        return (pointer.isEmpty() ? "(root)" : pointer) + ": " + message;
    }
}
