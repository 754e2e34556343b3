//! Tests of [`super`] (parsing).
