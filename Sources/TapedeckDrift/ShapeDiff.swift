/// Compares the shape of a committed recording with a fresh one and says what
/// changed, by kind. Values are compared only where the committed values look
/// like an enumeration and the path is not volatile; other value changes
/// (ids, times, tokens) are not drift.
struct ShapeDiff {
    var committed: ResponseShape
    var fresh: ResponseShape
    /// Paths whose values change from one recording to the next.
    var volatile: Set<String>
    var excluded: [String]

    /// The changes, as (kind, path, old, new), in path order.
    func changes() -> [(kind: ChangeKind, path: String, old: String, new: String)] {
        var changes: [(ChangeKind, String, String, String)] = []
        var removed: Set<String> = []
        var added: Set<String> = []
        for path in Set(committed.fields.keys).union(fresh.fields.keys).sorted() where !isExcluded(path) {
            let before = committed.fields[path]
            let after = fresh.fields[path]
            if let parent = ResponseShape.parent(of: path), removed.contains(parent) || added.contains(parent) {
                if before == nil { added.insert(path) } else if after == nil { removed.insert(path) }
                continue
            }
            switch (before, after) {
            case (let before?, nil):
                guard judgeable(path) else { continue }
                removed.insert(path)
                let required = committed.isRequired(path)
                changes.append((required ? .fieldRemoved : .optionalFieldRemoved, path, Self.describe(before.types), "absent"))
            case (nil, let after?):
                guard let parent = ResponseShape.parent(of: path), committed.objects[parent, default: 0] > 0 || path.hasSuffix("[*]") else {
                    continue
                }
                added.insert(path)
                changes.append((.fieldAdded, path, "absent", Self.describe(after.types)))
            case (let before?, let after?):
                changes += compare(before, after, at: path)
            case (nil, nil):
                continue
            }
        }
        changes += behaviour()
        return changes.map { (kind: $0.0, path: $0.1, old: $0.2, new: $0.3) }
    }

    private func compare(_ before: ResponseShape.Field, _ after: ResponseShape.Field, at path: String) -> [(ChangeKind, String, String, String)] {
        var changes: [(ChangeKind, String, String, String)] = []
        let oldTypes = before.types.subtracting(["null"])
        let newTypes = after.types.subtracting(["null"])
        if !oldTypes.isEmpty, !newTypes.isEmpty, oldTypes != newTypes {
            changes.append((.typeChanged, path, Self.describe(oldTypes), Self.describe(newTypes)))
        }
        if after.types.contains("null"), !before.types.contains("null") {
            changes.append((.fieldNowNull, path, Self.describe(before.types), Self.describe(after.types)))
        }
        if committed.isRequired(path), !fresh.isRequired(path), judgeable(path) {
            changes.append(
                (.fieldNowOptional, path, "in every object", "in \(after.present) of \(fresh.objects[ResponseShape.parent(of: path) ?? "", default: 0])"))
        }
        if !volatile.contains(path), committed.isEnumerationLike(path), let old = before.values, let new = after.values {
            let unseen = new.subtracting(old)
            if !unseen.isEmpty {
                changes.append((.enumValueAdded, path, old.sorted().joined(separator: ", "), unseen.sorted().joined(separator: ", ")))
            }
        }
        return changes
    }

    private func behaviour() -> [(ChangeKind, String, String, String)] {
        var changes: [(ChangeKind, String, String, String)] = []
        let oldStatuses = Set(committed.statuses)
        let newStatuses = Set(fresh.statuses)
        if !fresh.statuses.isEmpty, oldStatuses != newStatuses {
            changes.append((.statusChanged, "status", Self.list(oldStatuses), Self.list(newStatuses)))
        }
        if committed.pageSizes.count > 1, fresh.pageSizes.count > 1, let old = committed.pageSizes.first, let new = fresh.pageSizes.first,
            old != new
        {
            changes.append((.pageSizeChanged, "first page", "\(old) items", "\(new) items"))
        }
        return changes
    }

    /// A member can be judged gone only when the fresh recording has objects where it lived.
    private func judgeable(_ path: String) -> Bool {
        guard let parent = ResponseShape.parent(of: path), !path.hasSuffix("[*]") else { return false }
        return fresh.objects[parent, default: 0] > 0
    }

    private func isExcluded(_ path: String) -> Bool {
        excluded.contains { path == $0 || path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }
    }

    private static func describe(_ types: Set<String>) -> String { types.sorted().joined(separator: " | ") }
    private static func list(_ statuses: Set<Int>) -> String { statuses.sorted().map(String.init).joined(separator: ", ") }
}
