//! What the comment form checks before sending, and which field a refusal is about.

/// Whether `email` could be an address (`name@host.tld`, no spaces): Isso stores whatever it is
/// given, and a moderator could then not answer. Blank is fine (the field is optional).
pub fn plausible_email(email: &str) -> bool {
    let email = email.trim();
    if email.is_empty() {
        return true;
    }
    match email.split_once('@') {
        Some((name, host)) => {
            !name.is_empty()
                && !host.contains('@')
                && !email.contains(char::is_whitespace)
                && host.split('.').count() >= 2
                && host.split('.').all(|part| !part.is_empty())
        }
        None => false,
    }
}

/// The form field a refusal is about, by its name (`author`, `email`, `website`).
pub fn refused_field(refusal: &crate::model::error::Refusal) -> Option<&'static str> {
    use crate::model::error::Refusal as R;
    match refusal {
        R::AuthorRequired => Some("author"),
        R::EmailRequired | R::BadEmail => Some("email"),
        R::BadWebsite => Some("website"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plausible_emails_and_the_fields_refusals_are_about() {
        for ok in ["", "  ", "juana@example.org", "j.p+news@mail.example.mx"] {
            assert!(plausible_email(ok), "{ok}");
        }
        for bad in [
            "juana(at)example",
            "juana@",
            "@example.org",
            "juana@example",
            "a b@x.org",
            "a@b@c.org",
            "a@x..org",
        ] {
            assert!(!plausible_email(bad), "{bad}");
        }
        use crate::model::error::Refusal as R;
        assert_eq!(refused_field(&R::AuthorRequired), Some("author"));
        assert_eq!(refused_field(&R::BadEmail), Some("email"));
        assert_eq!(refused_field(&R::BadWebsite), Some("website"));
        assert_eq!(refused_field(&R::TooShort), None);
    }
}
