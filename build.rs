//! Rebuild when the bundled rule packs or rate tables change: they are embedded in the
//! binary (include_dir / include_str), and cargo does not see new files on its own.

fn main() {
    println!("cargo:rerun-if-changed=rules");
    println!("cargo:rerun-if-changed=rates");
    println!("cargo:rerun-if-changed=build.rs");
}
