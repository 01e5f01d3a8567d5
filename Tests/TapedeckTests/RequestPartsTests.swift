import Foundation
import TapedeckTestSupport
import Testing

@testable import Tapedeck

/// The direct split of an everyday URL agrees with `URLComponents` wherever it
/// applies, and leaves every other URL to it.
struct RequestPartsTests {
    @Test(arguments: [
        "http://127.0.0.1:9/tasks?page=1", "https://API.Example.com/v1/items?b=2&a=1&a=3", "http://h/", "http://h", "http://h?x=1",
        "https://h:443/p;params/x?flag&empty=&eq=a=b", "HTTP://H:8080/P?Q=+plus", "http://h/a/b/../c?x=(1)!*'", "http://h/~u/_x-y.z",
        "s3+x.y-z://bucket.host/key?list-type=2",
    ])
    func everydayURLsSplitAsURLComponentsReadsThem(_ url: String) throws {
        let split = try #require(RequestParts(splitting: url))
        #expect(split == RequestParts(components: url))
    }

    @Test(arguments: [
        "http://h/p%20q", "http://user:pw@h/p", "http://h/p#frag", "http://[::1]:8080/p", "http://h:/p", "http://h:080/p",
        "http://h:99999/p", "http://h/p?", "http://h/p?a=1&&b=2", "http://h/p?=v", "http://h/p?a=1?b", "/relative?x=1",
        "http://h/p q", "http://h/é", "mailto:someone", "1http://h/", "http:///p", "http://h/p?a=%41",
    ])
    func unusualURLsAreLeftToURLComponents(_ url: String) {
        #expect(RequestParts(splitting: url) == nil)
        #expect(RequestParts(url) == RequestParts(components: url))
    }

    /// Generated URLs over an alphabet with every character the split treats
    /// specially: whichever way each goes, the parts are URLComponents' parts.
    @Test func generatedURLsGiveURLComponentsParts() {
        var random = SeededGenerator(seed: 0x7A9E)
        let pieces = [
            "http", "https", "HTTP", "://", "h", "Host", "127.0.0.1", ":", "80", "8443", "0", "/", "/", "p", "?", "&", "=", "a", "b", "+", "%20", "%",
            "#", "@", "[", "]", ".", "..", "-", "_", "~", ";", ",", "!", "$", "'", "(", ")", "*", " ", "é", "\\",
        ]
        var split = 0
        for _ in 0..<20_000 {
            let url = (0..<Int.random(in: 1...14, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            let candidates = ["http://h" + url, "https://x.y:8080/" + url, url]
            for url in candidates {
                if RequestParts(splitting: url) != nil { split += 1 }
                #expect(RequestParts(url) == RequestParts(components: url), "\(url)")
            }
        }
        // The generator reaches both ways.
        #expect(split > 1_000)
        #expect(split < 60_000)
    }
}
