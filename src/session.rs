//! What lives for the whole visit (the language, whether the app is interactive), and how a
//! route reads it without leaving anything behind.
//!
//! Leptos 0.8 takes a reader off a signal's list only when the reader itself runs again; a
//! reader that is dropped (a text or attribute closure of a page left behind) stays in the list,
//! and its allocation with it, for as long as the signal lives. The language, read by dozens of
//! closures on every page and living as long as the app, so kept one dead reader per closure of
//! every page ever shown: several KB of wasm heap per route change (issue 16). Each route reads
//! its own copy instead, made in the route's owner: when the route is dropped the copy goes, and
//! its list of readers with it. One effect that lives as long as the app keeps every copy up to
//! date.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use leptos::prelude::*;

/// Routes' copies of one value, by the id each was registered under.
type Copies<T> = Arc<Mutex<Vec<(u64, ArcRwSignal<T>)>>>;

/// A value that lives as long as the app, handed to each route as a copy of its own.
pub struct SessionValue<T: Send + Sync + 'static> {
    source: Signal<T>,
    copies: Copies<T>,
    next: Arc<AtomicU64>,
}

impl<T: Send + Sync + 'static> Clone for SessionValue<T> {
    fn clone(&self) -> Self {
        SessionValue {
            source: self.source,
            copies: self.copies.clone(),
            next: self.next.clone(),
        }
    }
}

impl<T: Clone + PartialEq + Send + Sync + 'static> SessionValue<T> {
    /// Follows `source`; create it where it lives as long as the app (its effect is the only
    /// reader of `source` that routes cause).
    pub fn new(source: Signal<T>) -> Self {
        let copies: Copies<T> = Arc::default();
        let feed = copies.clone();
        Effect::new(move |_| {
            let value = source.get();
            for (_, copy) in lock(&feed).iter() {
                if copy.with_untracked(|c| *c != value) {
                    copy.set(value.clone());
                }
            }
        });
        SessionValue {
            source,
            copies,
            next: Arc::default(),
        }
    }

    /// A copy for the current owner (a route's), kept up to date until that owner is cleaned up.
    pub fn for_route(&self) -> Signal<T> {
        let copy = ArcRwSignal::new(self.source.get_untracked());
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        lock(&self.copies).push((id, copy.clone()));
        let copies = self.copies.clone();
        on_cleanup(move || lock(&copies).retain(|(i, _)| *i != id));
        copy.into()
    }

    /// How many routes hold a copy (tests).
    pub fn routes(&self) -> usize {
        lock(&self.copies).len()
    }
}

/// The copies can be used again after a panic elsewhere: the app shows its crash screen anyway.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_starts_with_the_value_and_goes_with_its_owner() {
        let owner = Owner::new();
        owner.set();
        let source = RwSignal::new(3);
        let shared = SessionValue::new(Signal::<i32>::from(source));
        let route = owner.child();
        let copy = route.with(|| shared.for_route());
        assert_eq!(copy.get_untracked(), 3);
        assert_eq!(shared.routes(), 1);
        route.cleanup();
        assert_eq!(shared.routes(), 0);
    }
}
