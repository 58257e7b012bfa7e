package cn.cityops.municipal.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;

import cn.cityops.testkit.Await;
import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Photos and attachments on the real municipal WAR, Payara Micro and PostGIS. Failsafe sets
 * {@code cityops.attachments.max-bytes} to {@value #MAX_BYTES} for this module (see node-municipal/pom.xml).
 */
@ExtendWith(ArquillianExtension.class)
class AttachmentIT {

    static final int MAX_BYTES = 262_144;

    @ArquillianResource
    URL deploymentUrl;

    Http anonymous;

    @Deployment(testable = false)
    static WebArchive war() {
        return NodeContract.builtWar();
    }

    @BeforeEach
    void ready() {
        anonymous = new Http(deploymentUrl.toString());
        String root = deploymentUrl.getProtocol() + "://" + deploymentUrl.getHost() + ":" + deploymentUrl.getPort();
        Await.until("node ready", Duration.ofMinutes(3), () -> new Http(root).get("/health/ready"),
                r -> r.status() == 200);
    }

    private Http admin() {
        return anonymous.login("admin", NodeContract.ADMIN_PASSWORD);
    }

    /** A new account with one role, logged in. */
    private Http user(String role) {
        String name = role.replace("-", "") + "-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply created = admin().post("/api/admin/users", Json.createObjectBuilder().add("username", name)
                .add("displayName", "测试用户").add("password", "Passw0rd-test")
                .add("roles", Json.createArrayBuilder().add(role)).build().toString());
        assertEquals(201, created.status(), created.toString());
        return anonymous.login(name, "Passw0rd-test");
    }

    static byte[] image(String format, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0x2e7d32));
        g.fillRect(0, 0, w, h);
        g.setColor(Color.ORANGE);
        g.fillOval(w / 4, h / 4, w / 2, h / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out));
        return out.toByteArray();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void pngUploadReadsBackByteIdentical() throws Exception {
        Http admin = admin();
        byte[] png = image("png", 64, 48);
        String name = URLEncoder.encode("现场照片 1.png", StandardCharsets.UTF_8);
        Http.BinaryReply up = admin.sendBytes("POST", "/api/attachments?name=" + name, "image/png", png);
        assertEquals(201, up.status(), up.asReply().toString());
        JsonObject meta = up.asReply().json();
        String id = meta.getString("id");
        assertEquals("现场照片 1.png", meta.getString("fileName"));
        assertEquals("image/png", meta.getString("mediaType"));
        assertEquals(png.length, meta.getJsonNumber("sizeBytes").longValue());
        assertEquals(sha256(png), meta.getString("sha256"));
        assertEquals("admin", meta.getString("uploadedBy"));
        assertNotNull(meta.getString("uploadedAt"));
        assertTrue(up.header("Location").endsWith("/api/attachments/" + id), up.header("Location"));

        Http.BinaryReply back = admin.download("/api/attachments/" + id);
        assertEquals(200, back.status(), back.asReply().toString());
        assertEquals("image/png", back.contentType());
        assertArrayEquals(png, back.body());
        assertEquals("\"" + sha256(png) + "\"", back.header("ETag"));
        assertTrue(back.header("Cache-Control").contains("private"), back.header("Cache-Control"));
        assertEquals("inline; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87%201.png",
                back.header("Content-Disposition"));

        Http.BinaryReply again = admin.download("/api/attachments/" + id,
                Map.of("If-None-Match", back.header("ETag")));
        assertEquals(304, again.status(), "unchanged: " + again);

        JsonObject m = admin.get("/api/attachments/" + id + "/meta").json();
        assertEquals(id, m.getString("id"));
        assertEquals(sha256(png), m.getString("sha256"));
    }

    @Test
    void inspectorsJpegIsReadableByOperatorsButNotByOthers() throws Exception {
        Http inspector = user("inspector");
        byte[] jpeg = image("jpg", 120, 90);
        Http.BinaryReply up = inspector.sendBytes("POST", "/api/attachments", "image/jpeg", jpeg);
        assertEquals(201, up.status(), up.asReply().toString());
        String id = up.asReply().json().getString("id");
        assertTrue(up.asReply().json().getString("fileName").endsWith(".jpg"), "a generated name");

        Http.BinaryReply own = inspector.download("/api/attachments/" + id);
        assertEquals(200, own.status());
        assertEquals("image/jpeg", own.contentType());
        assertArrayEquals(jpeg, own.body());

        assertEquals(200, user("dispatcher").download("/api/attachments/" + id).status());
        Http.BinaryReply auditor = user("audit-admin").download("/api/attachments/" + id);
        assertEquals(403, auditor.status(), auditor.toString());
        assertTrue(auditor.asReply().isProblem());
        assertEquals(403, user("audit-admin").sendBytes("POST", "/api/attachments", "image/jpeg", jpeg).status(),
                "an 审计管理员 may not upload");
    }

    @Test
    void textDeclaredAsJpegIsUnsupportedMediaType() throws IOException {
        Http admin = admin();
        byte[] text = "这不是图片 / not an image".getBytes(StandardCharsets.UTF_8);
        Http.Reply r = admin.sendBytes("POST", "/api/attachments", "image/jpeg", text).asReply();
        assertEquals(415, r.status(), r.toString());
        assertTrue(r.isProblem(), r.toString());
        assertEquals("urn:cityops:problem:unsupported-media-type", r.json().getString("type"));

        Http.Reply plain = admin.sendBytes("POST", "/api/attachments", "text/plain", text).asReply();
        assertEquals(415, plain.status(), plain.toString());
        assertTrue(plain.isProblem());

        Http.Reply pngAsJpeg = admin.sendBytes("POST", "/api/attachments", "image/jpeg",
                image("png", 4, 4)).asReply();
        assertEquals(415, pngAsJpeg.status(), "declared type must match the content: " + pngAsJpeg);
    }

    @Test
    void oversizeBodiesArePayloadTooLarge() throws IOException {
        Http admin = admin();
        byte[] big = new byte[MAX_BYTES + 1];
        big[0] = (byte) 0xff;
        big[1] = (byte) 0xd8;
        big[2] = (byte) 0xff;
        Http.Reply declared = admin.sendBytes("POST", "/api/attachments", "image/jpeg", big).asReply();
        assertEquals(413, declared.status(), "Content-Length over the limit: " + declared);
        assertTrue(declared.isProblem(), declared.toString());
        assertEquals("urn:cityops:problem:payload-too-large", declared.json().getString("type"));

        Http.Reply chunked = admin.sendStream("POST", "/api/attachments", "image/jpeg",
                () -> new ByteArrayInputStream(big)).asReply();
        assertEquals(413, chunked.status(), "streamed without Content-Length: " + chunked);
        assertTrue(chunked.isProblem(), chunked.toString());

        // declared far over the limit: answered from the headers alone, before the body arrives
        String head = rawPostHead(admin.token(), 50L * 1024 * 1024);
        assertTrue(head.startsWith("HTTP/1.1 413"), head);
        assertTrue(head.toLowerCase(java.util.Locale.ROOT).contains("application/problem+json"), head);

        byte[] exact = java.util.Arrays.copyOf(big, MAX_BYTES);
        assertEquals(201, admin.sendBytes("POST", "/api/attachments", "image/jpeg", exact).status(),
                "exactly the limit is fine");
    }

    /** Sends request headers announcing {@code length} bytes plus 1 KiB of body, and returns the answer's head. */
    private String rawPostHead(String token, long length) throws IOException {
        String path = deploymentUrl.getPath().replaceAll("/$", "") + "/api/attachments";
        try (java.net.Socket s = new java.net.Socket(deploymentUrl.getHost(), deploymentUrl.getPort())) {
            s.setSoTimeout(20_000);
            String req = "POST " + path + " HTTP/1.1\r\nHost: " + deploymentUrl.getHost() + "\r\nAuthorization: Bearer "
                    + token + "\r\nContent-Type: image/jpeg\r\nContent-Length: " + length + "\r\n\r\n";
            s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
            byte[] start = new byte[1024];
            start[0] = (byte) 0xff;
            start[1] = (byte) 0xd8;
            start[2] = (byte) 0xff;
            s.getOutputStream().write(start);
            s.getOutputStream().flush();
            java.io.InputStream in = s.getInputStream();
            StringBuilder b = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0 && !b.toString().endsWith("\r\n\r\n")) {
                b.append((char) c);
            }
            return b.toString();
        }
    }

    @Test
    void emptyBodyIsInvalid() {
        Http.Reply r = admin().sendBytes("POST", "/api/attachments", "image/png", new byte[0]).asReply();
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.isProblem());
    }

    @Test
    void anonymousIsRefusedAndUnknownIdsAreNotFound() throws Exception {
        Http.Reply up = anonymous.sendBytes("POST", "/api/attachments", "image/png", image("png", 8, 8)).asReply();
        assertEquals(401, up.status(), up.toString());
        assertTrue(up.isProblem());
        assertEquals(401, anonymous.download("/api/attachments/" + UUID.randomUUID()).status());

        Http admin = admin();
        Http.BinaryReply unknown = admin.download("/api/attachments/" + UUID.randomUUID());
        assertEquals(404, unknown.status(), unknown.toString());
        assertTrue(unknown.asReply().isProblem(), unknown.contentType());
        Http.Reply unknownMeta = admin.get("/api/attachments/" + UUID.randomUUID() + "/meta");
        assertEquals(404, unknownMeta.status(), unknownMeta.toString());
        assertTrue(unknownMeta.isProblem());
        assertEquals(400, admin.get("/api/attachments/not-a-uuid/meta").status());
    }
}
