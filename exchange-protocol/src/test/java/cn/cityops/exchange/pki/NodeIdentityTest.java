package cn.cityops.exchange.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;

import cn.cityops.model.node.NodeLevel;

class NodeIdentityTest {

    @Test
    void subjectProfile() {
        NodeIdentity city = NodeIdentity.of("140600");
        assertEquals(new NodeIdentity("140600", NodeLevel.MUNICIPAL), city);
        assertEquals("C=CN, O=CityOps Federation, OU=municipal, CN=140600", city.subject());
        assertEquals("C=CN,O=CityOps Federation,OU=municipal,CN=140600", city.x500Name().toString());
        assertEquals(city, NodeIdentity.fromX500Name(city.x500Name()));
        assertEquals(NodeLevel.NATIONAL, NodeIdentity.of("100000").level());
        assertEquals("provincial", NodeIdentity.of("140000").levelName());
        assertEquals("140600 (municipal)", city.toString());
    }

    @Test
    void levelMustBeTheIdsLevel() {
        var e = assertThrows(IllegalArgumentException.class, () -> new NodeIdentity("140600", NodeLevel.PROVINCIAL));
        assertTrue(e.getMessage().contains("municipal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NodeIdentity("140602", NodeLevel.MUNICIPAL));
        assertThrows(IllegalArgumentException.class, () -> NodeIdentity.of("abc"));
    }

    @Test
    void subjectsOutsideTheProfileAreRefused() {
        for (String dn : new String[] {
                "C=CN,O=CityOps Federation,OU=provincial,CN=140600", // wrong level
                "C=CN,O=CityOps Federation,OU=Municipal,CN=140600", // not lower case
                "C=CN,O=Other,OU=municipal,CN=140600",
                "C=US,O=CityOps Federation,OU=municipal,CN=140600",
                "O=CityOps Federation,OU=municipal,CN=140600",
                "C=CN,O=CityOps Federation,OU=municipal,CN=140600,L=x",
                "C=CN,O=CityOps Federation,OU=municipal,CN=140600+SERIALNUMBER=1",
                "C=CN,O=CityOps Federation,OU=municipal,CN=140601",
                "C=CN,O=CityOps Federation,CN=CityOps Federation Root CA"}) {
            assertThrows(IllegalArgumentException.class, () -> NodeIdentity.fromX500Name(new X500Name(dn)), dn);
        }
        assertEquals(NodeIdentity.of("140000"),
                NodeIdentity.fromX500Name(new X500Name("CN=140000,OU=provincial,O=CityOps Federation,C=CN")));
    }
}
