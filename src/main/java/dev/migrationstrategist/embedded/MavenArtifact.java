package dev.migrationstrategist.embedded;

/** A jar on a Maven repository: {@code group:artifact:version}. */
record MavenArtifact(String group, String artifact, String version) {
    static MavenArtifact of(String coordinates) {
        String[] p = coordinates.split(":");
        if (p.length != 3) {
            throw new IllegalArgumentException("group:artifact:version expected: " + coordinates);
        }
        return new MavenArtifact(p[0], p[1], p[2]);
    }

    /** The path under a repository root, e.g. {@code org/tukaani/xz/1.11/xz-1.11.jar}. */
    String path() {
        return group.replace('.', '/') + "/" + artifact + "/" + version + "/" + artifact + "-" + version + ".jar";
    }

    @Override
    public String toString() {
        return group + ":" + artifact + ":" + version;
    }
}
