/// The version of this MDLKit release, as listed in `CHANGELOG.md` and printed by `mdl-rp --version`.
///
/// It lives in the umbrella module under its own name (not as a type called `MDLKit`, which would shadow the module
/// name `MDLKit` in qualified references such as `MDLKit.PresentationVerifier`). `import MDLKit` brings it.
/// The compatibility promise that goes with a version is in `Documentation/Compatibility.md`.
public enum MDLKitVersion {
    /// The release's semantic version (`MAJOR.MINOR.PATCH`), e.g. `"0.9.0"`.
    public static let current = "0.9.0"
}
