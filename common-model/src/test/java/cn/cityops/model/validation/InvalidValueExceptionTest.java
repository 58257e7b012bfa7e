package cn.cityops.model.validation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InvalidValueExceptionTest {

    @Test
    void carriesFieldValueAndMessage() {
        InvalidValueException e = new InvalidValueException("divisionCode", "abc", "bad");
        assertEquals("divisionCode", e.field());
        assertEquals("abc", e.rejectedValue());
        assertEquals("bad", e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void rejectedValueMayBeNullButFieldMayNot() {
        assertNull(new InvalidValueException("f", null, "m").rejectedValue());
        assertThrows(NullPointerException.class, () -> new InvalidValueException(null, "v", "m"));
    }

    @Test
    void quoteShortensLongValues() {
        assertEquals("null", InvalidValueException.quote(null));
        assertEquals("'abc'", InvalidValueException.quote("abc"));
        String quoted = InvalidValueException.quote("1".repeat(100));
        assertEquals("'" + "1".repeat(64) + "...'", quoted);
    }

    @Test
    void digitsAcceptsAsciiOnly() {
        assertTrue(Digits.isDigits("140600", 6));
        assertFalse(Digits.isDigits("１４０６００", 6)); // full-width digits
        assertFalse(Digits.isDigits(" 14060", 6));
        assertFalse(Digits.isDigits("1406000", 6));
        assertFalse(Digits.isDigits(null, 6));
        assertTrue(Digits.isAllZeros("000"));
        assertFalse(Digits.isAllZeros("010"));
    }
}
