package cn.cityops.core.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.pki.NodeKeyStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

/** Issues MicroProfile JWTs signed with the node's token key (RS256; ES256 for key stores from before 0.2). */
@ApplicationScoped
public class TokenIssuer {

    @Inject
    NodeConfig node;

    public record IssuedToken(String token, Instant expiresAt) {
    }

    public IssuedToken issue(String username, Set<String> roles, Instant now) {
        NodeKeyStore keys = NodeKeys.get();
        Instant exp = now.plus(node.jwtLifetime());
        JsonArrayBuilder groups = Json.createArrayBuilder();
        groups.add(cn.cityops.model.security.Role.Ids.AUTHENTICATED);
        roles.forEach(groups::add);
        String header = Json.createObjectBuilder().add("alg", keys.jwtAlgorithm()).add("typ", "JWT").build().toString();
        String claims = Json.createObjectBuilder()
                .add("iss", keys.jwtIssuer())
                .add("sub", username)
                .add("upn", username)
                .add("groups", groups)
                .add("iat", now.getEpochSecond())
                .add("exp", exp.getEpochSecond())
                .add("jti", UUID.randomUUID().toString())
                .add("node_id", node.nodeIdText())
                .add("node_level", node.level().name())
                .build().toString();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature sig = Signature.getInstance("RS256".equals(keys.jwtAlgorithm()) ? "SHA256withRSA"
                    : "SHA256withECDSAinP1363Format");
            sig.initSign(keys.jwtPrivateKey());
            sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return new IssuedToken(signingInput + "." + b64.encodeToString(sig.sign()), exp);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign token", e);
        }
    }
}
