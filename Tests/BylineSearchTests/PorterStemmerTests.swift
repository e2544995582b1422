import Testing
import BylineSearch

@Suite struct PorterStemmerTests {
    @Test func porterStemmerMatchesTheReference() {
        let stemmer = PorterStemmer()
        let pairs = ["caresses": "caress", "ponies": "poni", "ties": "ti", "cats": "cat", "feed": "feed",
                     "agreed": "agre", "plastered": "plaster", "motoring": "motor", "sing": "sing",
                     "conflated": "conflat", "hopping": "hop", "falling": "fall", "filing": "file", "happy": "happi",
                     "relational": "relat", "conditional": "condit", "generalization": "gener",
                     "connections": "connect", "connected": "connect", "electricity": "electr", "hopeful": "hope",
                     "goodness": "good", "adjustment": "adjust", "controll": "control", "rate": "rate", "probate": "probat"]
        for (word, stem) in pairs { #expect(stemmer.stem(word) == stem, "\(word)") }
    }
}
