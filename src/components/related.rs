//! "Related coverage" under a post: the posts the content compiler found to share its labels
//! (crates/frontera-compile/src/related.rs). Nothing is computed here.

use frontera_wire::PostRef;
use leptos::prelude::*;

use super::link::Link;
use crate::i18n::use_lang;

/// The related posts of a post, as links; nothing when there are none.
#[component]
pub fn RelatedPosts(
    /// The posts, best first, as the post's document lists them.
    posts: Vec<PostRef>,
) -> impl IntoView {
    let lang = use_lang();
    (!posts.is_empty()).then(|| {
        view! {
            <section class="related" aria-labelledby="related-title">
                <h2 id="related-title" class="related-title">{move || lang.get().t().related_title}</h2>
                <ul class="related-list">
                    {posts.into_iter().map(|p| {
                        let title = p.title;
                        let text = move || {
                            if title.trim().is_empty() {
                                lang.get().t().untitled.to_string()
                            } else {
                                title.clone()
                            }
                        };
                        // The title is in its post's language, which may not be the page's.
                        view! { <li><Link href=p.path attr:lang=p.language>{text}</Link></li> }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
