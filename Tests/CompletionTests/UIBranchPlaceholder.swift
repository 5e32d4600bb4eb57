// Keeps the CompletionTests target buildable on the ui branch (no engine tests here); delete once other tests exist.
import Testing
