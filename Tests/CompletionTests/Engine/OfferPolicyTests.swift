import Foundation
import Testing

@testable import Completion

/// One rule for both front ends: the offer shows only when someone can answer and nothing already decided.
@Suite struct OfferPolicyTests {
    func resolved(offer: Bool = true, emergencyStop: Bool = false) -> ResolvedConfiguration {
        var configuration = Configuration()
        configuration.preCompletionOffer = offer
        return ResolvedConfiguration(
            configuration: configuration,
            warnings: [],
            emergencyStop: emergencyStop,
            offerSuppressedBy: nil
        )
    }

    @Test func theOfferShowsOnlyWhenNothingElseDecided() {
        #expect(OfferPolicy.shows(resolved(), cyclesGiven: false, answerWithDefaults: false, canAsk: true))
        #expect(!OfferPolicy.shows(resolved(), cyclesGiven: true, answerWithDefaults: false, canAsk: true))
        #expect(!OfferPolicy.shows(resolved(), cyclesGiven: false, answerWithDefaults: true, canAsk: true))
        #expect(!OfferPolicy.shows(resolved(), cyclesGiven: false, answerWithDefaults: false, canAsk: false))
        #expect(!OfferPolicy.shows(resolved(offer: false), cyclesGiven: false, answerWithDefaults: false, canAsk: true))
        #expect(
            !OfferPolicy.shows(
                resolved(emergencyStop: true),
                cyclesGiven: false,
                answerWithDefaults: false,
                canAsk: true
            )
        )
    }
}
