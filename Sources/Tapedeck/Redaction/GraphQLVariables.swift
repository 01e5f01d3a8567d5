/// The variables a GraphQL document passes to arguments: in
/// `login(username: $u, password: $p)` the variable `p` holds a password whatever
/// it is called, so a request's `variables` are read by the arguments they fill.
enum GraphQLVariables {
    /// The variables `query` passes to an argument (or an input object's field)
    /// that `isCredential` accepts, each with that argument's name: `["p": "password"]`.
    /// Declarations (`$p: String!`) bind nothing; only `name: $variable` does.
    static func credentialArguments(in query: String, isCredential: (String) -> Bool) -> [String: String] {
        let bytes = Array(query.utf8)
        var found: [String: String] = [:]
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "$") else {
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
            if end > index + 1, let argument = argument(before: index, in: bytes), isCredential(argument) {
                found[String(decoding: bytes[(index + 1)..<end], as: UTF8.self)] = argument
            }
            index = end
        }
        return found
    }

    /// The name in `name :` right before position `dollar`, white space allowed around the colon.
    private static func argument(before dollar: Int, in bytes: [UInt8]) -> String? {
        var back = dollar - 1
        while back >= 0, isSpace(bytes[back]) { back -= 1 }
        guard back >= 0, bytes[back] == UInt8(ascii: ":") else { return nil }
        back -= 1
        while back >= 0, isSpace(bytes[back]) { back -= 1 }
        let end = back + 1
        while back >= 0, isNameByte(bytes[back]) { back -= 1 }
        return end > back + 1 ? String(decoding: bytes[(back + 1)..<end], as: UTF8.self) : nil
    }

    /// A byte of a GraphQL name: `[_A-Za-z0-9]`.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// GraphQL's ignored characters between tokens: white space, line ends and commas.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: ",")
    }
}
