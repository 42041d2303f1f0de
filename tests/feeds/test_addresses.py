import socket

import pytest

from bot.feeds.addresses import AddressRefused, GuardedResolver, check_address


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "127.8.9.10",
        "::1",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "fe80::1",
        "fc00::1",
        "0.0.0.0",
        "100.64.0.1",
        "224.0.0.1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_inside_addresses_are_refused(host: str) -> None:
    with pytest.raises(AddressRefused, match="refusing"):
        check_address(host, allow_private=False)
    check_address(host, allow_private=True)  # the explicit opt-in (tests, intranets)


@pytest.mark.parametrize("host", ["93.184.215.14", "2606:4700::1111", "8.8.8.8"])
def test_public_addresses_pass(host: str) -> None:
    check_address(host, allow_private=False)


class _Inner:
    def __init__(self, addresses: list[str]) -> None:
        self.addresses = addresses

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[dict]:
        return [
            {"hostname": host, "host": a, "port": port, "family": family, "proto": 0, "flags": 0}
            for a in self.addresses
        ]

    async def close(self) -> None:
        pass


async def test_one_private_address_among_public_ones_refuses_the_host() -> None:
    resolver = GuardedResolver(False, _Inner(["8.8.8.8", "10.0.0.5"]))  # type: ignore[arg-type]
    with pytest.raises(AddressRefused, match="private"):
        await resolver.resolve("sneaky.example", 80)
    fine = GuardedResolver(False, _Inner(["8.8.8.8", "1.1.1.1"]))  # type: ignore[arg-type]
    assert len(await fine.resolve("public.example", 80)) == 2
