package cn.cityops.model.validation;

import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Test helper: asserts that a call is rejected with the expected field, value and message. */
public final class InvalidValueAssertions {

    private InvalidValueAssertions() {
    }

    /** Asserts an {@link InvalidValueException} with exactly this field, rejected value and message. */
    public static InvalidValueException assertRejected(String field, String value, String message, Executable call) {
        InvalidValueException e = assertThrows(InvalidValueException.class, call);
        assertEquals(field, e.field(), "field");
        assertEquals(value, e.rejectedValue(), "rejected value");
        assertEquals(message, e.getMessage(), "message");
        return e;
    }
}
