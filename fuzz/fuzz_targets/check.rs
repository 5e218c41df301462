//! `klp-ccp check` on any bytes (a main file and a header it may include): preprocessing,
//! parsing, semantics and types, and their diagnostics rendered.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    klp_ccp_fuzz::on_work_thread(data, |data| {
        let (db, tu) = klp_ccp_fuzz::open(data);
        klp_ccp_fuzz::check(&db, tu);
    });
});
