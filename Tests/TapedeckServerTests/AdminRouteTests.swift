import Testing
import TapedeckServer

struct AdminRouteTests {
    @Test func adminPrefixIsReservedAndRooted() {
        #expect(AdminRoute.prefix.hasPrefix("/__"))
        #expect(AdminRoute.prefix.hasSuffix("/"))
    }
}
