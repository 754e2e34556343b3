//! Share links: where each service's "share this" address sends a post's canonical URL.
//!
//! They are plain links, so they work in the prerendered page without JavaScript; the browser's
//! own share sheet (`navigator.share`) replaces them where it exists (components::share).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but the characters `encodeURIComponent` leaves alone, so a title's spaces are
/// `%20` (a `+` would stay a plus in a `mailto:` body) and its `&`, `#` and `?` cannot end the
/// parameter.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

fn enc(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// A service a post can be shared to with a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Service {
    WhatsApp,
    Facebook,
    X,
    Telegram,
    Email,
}

impl Service {
    /// Every service, in the order the links are shown.
    pub const ALL: [Service; 5] = [
        Service::WhatsApp,
        Service::Facebook,
        Service::X,
        Service::Telegram,
        Service::Email,
    ];

    /// The service's own name (the same in every language), for `data-service` and the text of
    /// its link; email's text is translated by the view.
    pub fn name(self) -> &'static str {
        match self {
            Service::WhatsApp => "WhatsApp",
            Service::Facebook => "Facebook",
            Service::X => "X",
            Service::Telegram => "Telegram",
            Service::Email => "Email",
        }
    }

    /// The address that shares `url` (absolute) with `title` on this service.
    pub fn link(self, url: &str, title: &str) -> String {
        let (u, t) = (enc(url), enc(title));
        match self {
            // WhatsApp takes one text: the title, then the link (which it previews).
            Service::WhatsApp => format!("https://wa.me/?text={}", enc(&format!("{title} {url}"))),
            Service::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
            Service::X => format!("https://x.com/intent/post?url={u}&text={t}"),
            Service::Telegram => format!("https://t.me/share/url?url={u}&text={t}"),
            Service::Email => format!("mailto:?subject={t}&body={u}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://c.example/blog/2024/03/garita-vieja";

    #[test]
    fn every_link_carries_the_url_encoded_once() {
        let encoded = "https%3A%2F%2Fc.example%2Fblog%2F2024%2F03%2Fgarita-vieja";
        for s in Service::ALL {
            let link = s.link(URL, "T");
            assert!(link.contains(encoded), "{s:?}: {link}");
        }
        assert_eq!(
            Service::Facebook.link(URL, "T"),
            format!("https://www.facebook.com/sharer/sharer.php?u={encoded}")
        );
    }

    #[test]
    fn a_title_cannot_break_out_of_its_parameter() {
        let title = "Niños & \"agua\" #1? 50% + más";
        let x = Service::X.link(URL, title);
        let text = x.split("&text=").nth(1).unwrap();
        assert!(!text.contains(['&', '#', '?', ' ', '+', '"']), "{text}");
        assert!(
            text.starts_with("Ni%C3%B1os%20%26%20%22agua%22%20%231%3F%2050%25%20%2B%20m%C3%A1s")
        );
        let mail = Service::Email.link(URL, title);
        assert!(mail.starts_with("mailto:?subject=Ni%C3%B1os%20"), "{mail}");
        let wa = Service::WhatsApp.link(URL, "Hola");
        assert!(
            wa.ends_with("text=Hola%20https%3A%2F%2Fc.example%2Fblog%2F2024%2F03%2Fgarita-vieja")
        );
    }
}
