//! Live-patch creation under the default policy on any bytes (a main file and a header it may
//! include) that check cleanly: the functions of the toy policy's names patched (`pu_*`,
//! `ps_*`, `pe_*`), else the first function the main file defines.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    klp_ccp_fuzz::on_work_thread(data, |data| {
        let (mut db, tu) = klp_ccp_fuzz::open(data);
        klp_ccp_fuzz::live_patch(&mut db, tu);
    });
});
