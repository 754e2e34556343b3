fn main() {
    frontera::start();
}
