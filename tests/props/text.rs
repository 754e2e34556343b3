use crate::*;

// ---------------------------------------------------------------------------------------------
// Text

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1024))]

    #[test]
    fn decoding_never_panics_and_never_grows(s in text()) {
        let d = decode_entities(&s);
        prop_assert!(d.len() <= s.len(), "{s:?} -> {d:?}");
        prop_assert!(!d.contains('\0') || s.contains('\0'), "no NUL is made: {s:?}");
        if !s.contains('&') {
            prop_assert_eq!(d, s);
        }
    }

    #[test]
    fn decoding_any_string_never_panics(s in any::<String>()) {
        let d = decode_entities(&s);
        prop_assert!(d.len() <= s.len());
    }

    /// Escaped text decodes back to itself: once, not twice (`&amp;lt;` stays `&lt;`).
    #[test]
    fn decoding_undoes_escaping_once(s in text()) {
        prop_assert_eq!(decode_entities(&escape(&s)), s.clone());
        prop_assert_eq!(decode_entities(&escape(&escape(&s))), escape(&s));
    }

    #[test]
    fn numeric_entities_decode_to_their_character(c in any::<char>()) {
        prop_assume!(c != '\0');
        let code = u32::from(c);
        prop_assert_eq!(decode_entities(&format!("&#{code};")), c.to_string());
        prop_assert_eq!(decode_entities(&format!("&#x{code:x};")), c.to_string());
        prop_assert_eq!(decode_entities(&format!("&#X{code:X};")), c.to_string());
    }
}
