import Completion
import Foundation
import Testing

/// The relay is how both front ends hear Ctrl-C and SIGTERM. These tests signal this very process, so each one
/// installs the relay before the first signal and cancels it only after every signal has been relayed; nested in
/// the serialized spawn suite, whose tests change SIGINT's action too.
extension SpawnInterruptTests {
    @Suite("Signal relay")
    struct SignalRelayTests {
        /// Collects relayed signals and lets a test wait for a given count.
        private final class Heard: Sendable {
            let numbers = Locked<[Int32]>([])
            private let arrived = DispatchSemaphore(value: 0)

            func record(_ number: Int32) {
                numbers.withLock { $0.append(number) }
                arrived.signal()
            }

            /// True when `count` signals arrived within 10 s.
            func wait(for count: Int) -> Bool {
                (0..<count).allSatisfy { _ in arrived.wait(timeout: .now() + 10) == .success }
            }
        }

        @Test func aSignalSentTheMomentTheRelayIsInstalledIsNeverLost() {
            // A dispatch signal source lost every one of these: it registers after `resume` returns, on another thread.
            for round in 0..<50 {
                let heard = Heard()
                let relay = SignalRelay.install { heard.record($0) }
                let number = round.isMultiple(of: 2) ? SIGINT : SIGTERM
                kill(getpid(), number)
                let arrived = heard.wait(for: 1)
                relay.cancel()
                #expect(arrived, "round \(round): the signal was lost")
                #expect(heard.numbers.current == [number])
                if !arrived { return }
            }
        }

        @Test func signalsArriveInOrderAndInterruptedReadsCarryOn() throws {
            let heard = Heard()
            let relay = SignalRelay.install { heard.record($0) }
            defer { relay.cancel() }
            // A read under way when the signals arrive is restarted, not failed: the handler is installed with
            // SA_RESTART.
            var ends: [Int32] = [-1, -1]
            #expect(pipe(&ends) == 0)
            let readEnd = ends[0]
            defer { close(readEnd) }
            let reader = ThreadWork { () -> Int in
                var byte: UInt8 = 0
                return read(readEnd, &byte, 1)
            }
            for number in [SIGINT, SIGTERM, SIGINT] {
                kill(getpid(), number)
                usleep(20_000)  // separate deliveries: identical pending signals would merge into one
            }
            #expect(heard.wait(for: 3))
            #expect(heard.numbers.current == [SIGINT, SIGTERM, SIGINT])
            var byte: UInt8 = 7
            _ = write(ends[1], &byte, 1)
            close(ends[1])
            #expect(reader.wait() == 1)
        }

        @Test func cancellingRestoresTheDefaultAction() {
            let relay = SignalRelay.install { _ in }
            #expect(SignalRelay.isCatching(SIGINT))
            relay.cancel()
            #expect(!SignalRelay.isCatching(SIGINT))
            for number in [SIGINT, SIGTERM] {
                var current = sigaction()
                sigaction(number, nil, &current)
                #expect(current.__sigaction_handler.sa_handler == nil, "SIG_DFL for \(number)")
            }
        }

        @Test func aThreadThatInheritedTheSignalsBlockedHearsThemOnceItInstallsTheRelay() throws {
            // A child started while its parent's relay caught SIGINT begins with SIGINT blocked (see `Spawn`); when
            // that child is itself a front end, its own relay must still hear Ctrl-C.
            let heard = Heard()
            let outcome = ThreadWork { () -> Bool in
                var blocked = sigset_t()
                sigemptyset(&blocked)
                sigaddset(&blocked, SIGINT)
                pthread_sigmask(SIG_BLOCK, &blocked, nil)
                let relay = SignalRelay.install { heard.record($0) }
                defer { relay.cancel() }
                pthread_kill(pthread_self(), SIGINT)
                return heard.wait(for: 1)
            }
            #expect(outcome.wait())
        }
    }
}
