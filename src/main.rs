/// Large blocks on transparent huge pages (see [`gwlint::alloc`]).
#[global_allocator]
static ALLOCATOR: gwlint::alloc::HugePages = gwlint::alloc::HugePages;

fn main() {
    gwlint::alloc::map_large_blocks();
    std::process::exit(gwlint::cli::run());
}
