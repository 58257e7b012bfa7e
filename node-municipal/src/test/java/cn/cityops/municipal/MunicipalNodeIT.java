package cn.cityops.municipal;

import cn.cityops.testkit.NodeContract;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/** The node contract on the real municipal WAR, Payara Micro and PostGIS. */
@ExtendWith(ArquillianExtension.class)
class MunicipalNodeIT extends NodeContract {

    MunicipalNodeIT() {
        super("MUNICIPAL", "140600");
    }

    @Deployment(testable = false)
    static WebArchive war() {
        return builtWar();
    }
}
