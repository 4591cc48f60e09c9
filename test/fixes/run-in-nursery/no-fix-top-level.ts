// @unavailable: top level of the module
audit({ id: "boot", name: "boot" });
log("booted");

export {};
