package cn.cityops.launcher;

import java.util.Collection;
import java.util.logging.Level;
import java.util.logging.Logger;

import fish.payara.micro.boot.PayaraMicroBoot;
import fish.payara.micro.boot.PayaraMicroLauncher;

/**
 * Main class of every node's uber-jar (the build puts it in front of Payara Micro's own): boots Payara Micro exactly as
 * {@code fish.payara.micro.PayaraMicro} does, then checks that the node's application is deployed.
 *
 * <p>Payara Micro logs a failed deployment ("Exception while deploying the app [ROOT]") and keeps running, answering
 * 404 on every path, so neither systemd nor a test harness would notice. Such a node exits here with
 * {@link #NOT_DEPLOYED} instead, and its supervisor starts it again (docs/operators: {@code Restart=on-failure}).
 */
public final class NodeLauncher {

    /** Exit status of a node whose application did not deploy (or whose Payara Micro did not boot). */
    public static final int NOT_DEPLOYED = 3;

    /** The node WAR's name inside the uber-jar (ROOT.war, pom.xml: payara-root-war). */
    static final String APPLICATION = "ROOT";

    private static final Logger LOG = Logger.getLogger(NodeLauncher.class.getName());

    private NodeLauncher() {
    }

    public static void main(String[] args) {
        PayaraMicroBoot micro;
        try {
            micro = PayaraMicroLauncher.create(args);
        } catch (Exception e) {
            LOG.log(Level.SEVERE, "NODE-006 Payara Micro did not boot; exiting with status " + NOT_DEPLOYED, e);
            System.exit(NOT_DEPLOYED);
            return;
        }
        Collection<String> deployed;
        try {
            deployed = micro.getRuntime().getDeployedApplicationNames();
        } catch (IllegalStateException notRunning) {
            return; // nothing serves after --outputUberJar or --warmup: nothing to check
        }
        if (deployed == null || !deployed.contains(APPLICATION)) {
            LOG.severe("NODE-006 the node's application did not deploy (deployed: " + deployed
                    + "; the cause is logged above); exiting with status " + NOT_DEPLOYED
                    + " so that the supervisor starts the node again");
            System.exit(NOT_DEPLOYED);
        }
    }
}
