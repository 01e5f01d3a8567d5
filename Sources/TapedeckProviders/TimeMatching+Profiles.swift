public import Tapedeck

extension TimeMatching {
    /// This time matching with the profiles' time parameters added and their
    /// non-time parameters excluded (profile member `times`, docs/providers.md).
    public func adding(_ catalogue: ProfileCatalogue) -> TimeMatching {
        var copy = self
        for profile in catalogue.profiles {
            copy.parameters.formUnion(profile.timeParameters)
            copy.excluded.formUnion(profile.nonTimeParameters)
        }
        return copy
    }
}
