package cn.cityops.exchange.pkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class BatchDocumentTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> split(String doc) throws Exception {
        return BatchDocument.split(b(doc), 10, 1 << 20).stream().map(x -> new String(x, StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void writeAndSplitRoundTripKeepingEachElementByteForByte() throws Exception {
        List<byte[]> wires = List.of(b("{\"package\":{\"a\":\"x]},\\\"\"},\"signature\":\"QQ==\"}"),
                b("{\"package\":{\"b\":[1,{\"c\":\"€\"}]},\"signature\":\"Qg==\"}"));
        byte[] doc = BatchDocument.write(wires);
        List<byte[]> back = BatchDocument.split(doc, 200, 1 << 20);
        assertEquals(2, back.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(new String(wires.get(i), StandardCharsets.UTF_8), new String(back.get(i),
                    StandardCharsets.UTF_8));
        }
    }

    @Test
    void whitespaceIsFreeAndUnreadableElementsAreDelimitedNotJudged() throws Exception {
        assertEquals(List.of("{\"x\":1}", "42", "\"text\"", "[1,2]", "nul"),
                split(" \n{ \"packages\" :\t[ {\"x\":1} , 42,\"text\",[1,2] ,nul ] }\r\n"));
    }

    @Test
    void aDocumentOfAnotherShapeIsMalformed() {
        for (String doc : List.of("", "[]", "{}", "{\"packages\":[]}", "{\"packages\":{}}", "{\"other\":[1]}",
                "{\"packages\":[1],\"x\":2}", "{\"packages\":[1]} x", "{\"packages\":[{\"a\":\"b}]}",
                "{\"packages\":[1 2]}", "{\"packages\":[1,]}", "{\"packages\":[1")) {
            MalformedPackageException e = assertThrows(MalformedPackageException.class,
                    () -> BatchDocument.split(b(doc), 10, 1 << 20), doc);
            assertEquals(RejectionCode.PKG_MALFORMED, e.code(), doc + ": " + e.getMessage());
        }
    }

    @Test
    void limitsOfCountAndSizeAreTooLarge() {
        PackageTooLargeException tooMany = assertThrows(PackageTooLargeException.class,
                () -> BatchDocument.split(b("{\"packages\":[1,2,3]}"), 2, 1 << 20));
        assertEquals(RejectionCode.PKG_TOO_LARGE, tooMany.code());
        assertEquals("the batch holds more than 2 packages", tooMany.getMessage());
        assertThrows(PackageTooLargeException.class, () -> BatchDocument.split(b("{\"packages\":[1,2,3]}"), 10, 5));
    }
}
