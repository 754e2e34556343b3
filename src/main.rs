#[cfg(target_arch = "wasm32")]
fn main() {
    frontera::start();
}

// The app only runs in the browser; natively this crate is a library for the prerenderer.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("frontera runs in the browser: build it with trunk (see README.md)");
    std::process::exit(2);
}
