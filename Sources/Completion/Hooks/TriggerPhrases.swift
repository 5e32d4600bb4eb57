/// The standard vocabulary of the prompt classifier, written as the words `PromptIntent.tokens` makes of a prompt
/// (lower case, apostrophes dropped: "let's" is "lets"). Negations, conditions and questions ("not", "don't",
/// "before", "when", "how", "should") are deliberately absent: a prompt holding one of them is never read.
enum TriggerPhrases {
    /// Courtesy, address and framing words: alone they say nothing, around a request they change nothing.
    static let fillers = [
        "ok", "okay", "k", "alright", "all right", "right", "great", "cool", "perfect", "nice", "good", "awesome",
        "excellent", "well", "so", "then", "now", "right now", "yes", "yeah", "yep", "sure", "and", "oh", "hey",
        "just", "really", "actually", "finally", "officially", "here", "for now", "for today", "for tonight",
        "for the day", "for the night", "for the evening", "for this session", "thanks", "thank you",
        "thank you very much", "thanks a lot", "thanks a ton", "thanks again", "thx", "ty", "many thanks", "cheers",
        "appreciate it", "i appreciate it", "much appreciated", "please", "pls", "lets", "let us", "i want to",
        "i would like to", "id like to", "i think", "i guess", "i", "im", "i am", "we", "were", "we are", "ill",
        "i will", "going to", "gonna", "im going to", "can you", "could you", "would you", "will you",
        "go ahead and", "time to", "its time to", "we can", "you can", "we should", "shall we", "can we", "run", "the",
        "claude", "jarvis",
        "buddy", "mate", "friend", "everyone", "team", "so much", "again", "for your help", "for the help",
        "for all the help", "for all your help", "that was great", "this was great", "that was helpful",
        "good work", "great work", "nice work", "well done", "good job", "great job", "for everything",
        "great session", "good session", "nice session", "productive session", "done", "thats it",
    ]

    /// A farewell or a wish to stop working: the agent asks before ending the session.
    static let departures: [String] = farewells + stoppedStates + stoppingVerbs

    /// An explicit request to end the session: the agent runs the completion at once.
    static let endRequests: [String] = {
        var phrases = endRequestParts.filter { $0.contains(" ") }
        for verb in sessionVerbs {
            phrases += sessionObjects.map { "\(verb) \($0)" }
        }
        for (verb, particle) in [("wrap", "up"), ("close", "out"), ("shut", "down")] {
            phrases += sessionObjects.map { "\(verb) \($0) \(particle)" }
        }
        return phrases
    }()

    static let endRequestParts = [
        "end session command", "end session now", "ending the session", "session end", "end of session",
        "end session protocol", "end of session protocol", "end of session routine", "session completion",
        "the session completion", "session completion protocol", "completion protocol", "wrap up close out shut down",
    ]
    static let sessionVerbs = [
        "end", "close", "finish", "wrap up", "terminate", "stop", "conclude", "complete", "close out", "shut down",
        "exit", "quit", "ending", "closing", "finishing", "wrapping up", "concluding", "stopping",
    ]
    static let sessionObjects = [
        "session", "the session", "this session", "our session", "my session", "the current session",
        "current session", "the coding session", "this coding session", "coding session", "the work session",
        "this work session", "the conversation", "this conversation", "our conversation", "the chat", "this chat",
    ]

    static let farewells = [
        "goodbye", "good bye", "bye", "bye bye", "byebye", "bye for now", "farewell", "see you", "see you later",
        "see you tomorrow", "see you next time", "see you soon", "see you next week", "see you on monday",
        "see you monday", "see ya", "cya", "good night", "goodnight", "night night", "take care", "have a good one",
        "have a good night", "have a nice evening", "have a good evening", "have a great evening",
        "have a good day", "have a great day", "have a nice day", "have a good weekend", "have a great weekend",
        "talk to you later", "talk to you tomorrow", "talk later", "ttyl", "catch you later", "until next time",
        "until tomorrow", "gotta go", "got to go", "i have to go", "i need to go", "i must go", "gtg", "g2g",
        "peace out", "thats a wrap", "its a wrap", "signing off", "sign off", "signing out", "logging off",
        "log off", "im off", "im out", "heading out", "im heading out", "thats all", "that is all",
        "call it a day", "calling it a day", "call it a night", "calling it a night", "call it quits",
        "calling it quits",
    ]

    /// "done for today", "all done here", "finished for the day", "thats it for now", …
    static let stoppedStates: [String] = {
        let states = [
            "done", "all done", "finished", "all finished", "through", "thats it", "thats all", "thats enough",
            "enough", "good",
        ]
        var phrases = ["im done", "i am done", "were done", "we are done", "i think were done", "were finished"]
        for state in states {
            phrases += pauseTimes.map { "\(state) \($0)" }
        }
        return phrases
    }()

    /// "wrap up", "lets stop here", "wrap up work", "pack it up for today", "knock off for the day", …
    static let stoppingVerbs: [String] = {
        var phrases = bareStops
        for verb in stopVerbs {
            phrases += pauseTimes.map { "\(verb) \($0)" }
            phrases += stopObjects.flatMap { object in pauseTimes.map { "\(verb) \(object) \($0)" } }
        }
        for verb in workStopVerbs {
            phrases += workObjects.map { "\(verb) \($0)" }
        }
        return phrases
    }()

    static let bareStops = ["wrap up", "wrapping up", "wrap it up", "wrap things up", "wrapping things up"]
    /// Verbs that mean leaving only with a time after them ("stop here", "finish for today"): "stop" alone does not.
    static let stopVerbs = [
        "wrap up", "wrapping up", "stop", "stopping", "end", "ending", "finish", "finish up", "finishing up", "quit",
        "quitting", "pack up", "packing up", "knock off", "knocking off", "sign off", "signing off", "log off",
        "logging off", "head out", "pause", "leave it", "stop working", "call it",
    ]
    static let stopObjects = ["it", "things", "this", "everything"]
    static let workStopVerbs = [
        "wrap up", "wrapping up", "stop", "end", "quit", "pack up", "knock off", "call it", "close",
    ]
    static let workObjects = ["work", "the work", "our work", "the day", "the days work", "it for the day"]
    static let stoppingVerbParts = bareStops + stopVerbs + stopObjects + workStopVerbs + workObjects

    /// When the work stops, as said after "done", "stop", "wrap up" …; a bare "today" is not among them ("let's
    /// finish this today" means the opposite).
    static let pauseTimes = [
        "for now", "for today", "for the day", "for tonight", "for the night", "for the evening", "for the week",
        "for this week", "here", "there", "for this session",
    ]
}
