package cn.cityops.core.exchange;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import cn.cityops.core.config.NodeConfig;
import cn.cityops.exchange.crypto.BcProvider;
import cn.cityops.exchange.crypto.CmsSigner;
import cn.cityops.exchange.crypto.KeyPairs;
import cn.cityops.exchange.crypto.SignatureAlgorithm;
import cn.cityops.exchange.pki.FederationCa;
import cn.cityops.exchange.pki.FederationTrust;
import cn.cityops.exchange.pki.NodeIdentity;
import cn.cityops.model.node.NodeId;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** A small federation PKI for exchange tests without a container: a root and node keys with certificates. */
final class TestPki {

    final FederationCa ca;
    final FederationTrust trust;

    TestPki(Path dir) throws Exception {
        System.setProperty("org.bouncycastle.pkcs12.store_it_count", "2048");
        ca = FederationCa.init(dir.resolve("ca"), SignatureAlgorithm.SM2_SM3, "ca".toCharArray(), Duration.ofDays(30));
        trust = new FederationTrust(ca.rootCertificate(), Optional.empty());
    }

    /** A CMS signer for node {@code id} with a fresh SM2 key certified by the root. */
    CmsSigner signer(String id) throws Exception {
        NodeIdentity identity = NodeIdentity.of(id);
        SignatureAlgorithm alg = SignatureAlgorithm.SM2_SM3;
        KeyPair keys = KeyPairs.generate(alg);
        var csr = new JcaPKCS10CertificationRequestBuilder(identity.x500Name(), keys.getPublic())
                .build(new JcaContentSignerBuilder(alg.jcaSignatureName()).setProvider(BcProvider.get())
                        .build(keys.getPrivate()));
        X509Certificate cert = ca.issue(csr, identity, Duration.ofDays(5));
        return new CmsSigner(keys.getPrivate(), cert, alg, Clock.systemUTC());
    }

    /** Exchange keys of a node: enrolled, signing with {@code signer}, trusting this root. */
    ExchangeKeys keys(CmsSigner signer) {
        return new ExchangeKeys() {
            @Override
            public boolean enrolled() {
                return true;
            }

            @Override
            public CmsSigner signer() {
                return signer;
            }

            @Override
            public FederationTrust trust() {
                return trust;
            }
        };
    }

    /** Node configuration of node {@code id} (only what the exchange classes ask). */
    static NodeConfig node(String id) {
        return new NodeConfig() {
            @Override
            public NodeId nodeId() {
                return NodeId.of(id);
            }

            @Override
            public String nodeIdText() {
                return id;
            }

            @Override
            public String tag() {
                return "[" + id + "]";
            }

            @Override
            public Optional<String> parentUrl() {
                return Optional.empty();
            }
        };
    }
}
