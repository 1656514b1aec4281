"""What every hook of this charm runs: charms.reactive sets the automatic flags, runs every
handler whose flags are set, publishes relation data and commits the flags when all went well."""
from charms.reactive import main

main()
