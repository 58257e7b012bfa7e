package cn.cityops.model.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void readsQuotedFieldsLineBreaksBomAndEveryLineEnd() throws Exception {
        String text = "\uFEFFa,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n\n1,,3\r4,5,6";
        List<Integer> lines = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        Csv.read(new StringReader(text), (line, f) -> {
            lines.add(line);
            rows.add(f);
        });
        assertEquals(List.of(List.of("a", "b", "c"), List.of("x, y", "say \"hi\"", "two\nlines"), List.of("1", "", "3"),
                List.of("4", "5", "6")), rows);
        assertEquals(List.of(1, 2, 5, 6), lines, "a record's line is where it starts");
    }

    @Test
    void anUnclosedQuoteNamesTheLineItStartedIn() {
        Csv.MalformedCsvException e = assertThrows(Csv.MalformedCsvException.class,
                () -> Csv.parse("a\n\"open\nstill open"));
        assertEquals(2, e.line());
    }

    @Test
    void writesOnlyWhatNeedsQuotingAndDefusesFormulas() {
        assertEquals("plain", Csv.field("plain"));
        assertEquals("\"a,b\"", Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", Csv.field("say \"hi\""));
        assertEquals("", Csv.field(null));
        assertEquals("'=1+1", Csv.safeField("=1+1"));
        assertEquals("\"'=SUM(A1,A2)\"", Csv.safeField("=SUM(A1,A2)"));
        assertEquals("a,\"b,c\",", Csv.line(java.util.Arrays.asList("a", "b,c", null)));
        assertEquals(List.of(List.of("a", "b,c", "")), Csv.parse(Csv.line(java.util.Arrays.asList("a", "b,c", ""))));
    }
}
