package cn.cityops.national;

import cn.cityops.testkit.NodeContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node contract on the real national WAR, Payara Micro and PostGIS. */
@ExtendWith(ArquillianExtension.class)
class NationalNodeIT extends NodeContract {

    NationalNodeIT() {
        super("NATIONAL", "100000");
    }

    @Deployment(testable = false)
    static WebArchive war() {
        return builtWar();
    }
}
