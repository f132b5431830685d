package com.dce.analytics.local;

import java.util.List;

/**
 * One service of the platform as the launcher starts it: its Spring Boot main class (looked up by
 * name so the launcher builds even while a service module is absent), the config name it reads,
 * its port and the arguments only it needs.
 */
record ServiceSpec(String name, String mainClass, String configName, int port, List<String> arguments) {

    boolean available() {
        try {
            Class.forName(mainClass, false, ServiceSpec.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
