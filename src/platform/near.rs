//! Calls made when an element comes near the viewport: lists that grow as the reader scrolls,
//! the comment section, and the next page of a thread fetched before the reader asks.

/// Calls `reached` when the element of `node` comes within a screen height of the viewport, and
/// again after each call while it stays there (an `IntersectionObserver`, re-armed after each
/// call because it reports changes only). Stops when the calling view is cleaned up. Natively,
/// nothing.
pub fn when_near_viewport<E>(node: leptos::prelude::NodeRef<E>, reached: impl Fn() + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    watch_near(node, reached, true);
}

/// Calls `reached` once, when the element of `node` first comes within a screen height of the
/// viewport (again only if the element is replaced). Nothing runs while it then stays there.
pub fn once_near_viewport<E>(node: leptos::prelude::NodeRef<E>, reached: impl Fn() + 'static)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    watch_near(node, reached, false);
}

fn watch_near<E>(node: leptos::prelude::NodeRef<E>, reached: impl Fn() + 'static, again: bool)
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    #[cfg(target_arch = "wasm32")]
    {
        use leptos::prelude::{on_cleanup, Effect, Get};
        use wasm_bindgen::{closure::Closure, JsCast};
        use web_sys::{IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
        type Armed = Option<(
            IntersectionObserver,
            Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>,
        )>;
        let armed =
            send_wrapper::SendWrapper::new(std::rc::Rc::new(std::cell::RefCell::new(Armed::None)));
        let slot = armed.clone();
        let reached = std::rc::Rc::new(reached);
        Effect::new(move |_| {
            let Some(el) = node.get() else { return };
            let el: web_sys::Element = el.unchecked_into();
            let target = el.clone();
            let reached = reached.clone();
            let on_change = Closure::<dyn FnMut(js_sys::Array, IntersectionObserver)>::new(
                move |entries: js_sys::Array, observer: IntersectionObserver| {
                    let near = entries.iter().any(|e| {
                        e.unchecked_into::<IntersectionObserverEntry>()
                            .is_intersecting()
                    });
                    if near {
                        reached();
                        observer.unobserve(&target);
                        if again {
                            observer.observe(&target);
                        }
                    }
                },
            );
            let init = IntersectionObserverInit::new();
            init.set_root_margin("100% 0px");
            if let Ok(observer) =
                IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &init)
            {
                observer.observe(&el);
                if let Some((old, _)) = slot.borrow_mut().replace((observer, on_change)) {
                    old.disconnect();
                }
            }
        });
        on_cleanup(move || {
            if let Some((observer, _)) = armed.borrow_mut().take() {
                observer.disconnect();
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (node, reached, again);
}
