package com.leadloader.cli;

import picocli.CommandLine;

/** Reads the version from the jar manifest, so {@code --version} matches the build. */
class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"leadloader " + (version == null ? "(development build)" : version)};
    }
}
