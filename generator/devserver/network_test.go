package devserver

import (
	"errors"
	"net"
	"slices"
	"testing"
)

func TestNetworkIPs(t *testing.T) {
	ipNet := func(s string) net.Addr {
		ip, n, err := net.ParseCIDR(s)
		if err != nil {
			t.Fatal(err)
		}
		n.IP = ip
		return n
	}
	addrs := []net.Addr{
		ipNet("127.0.0.1/8"), ipNet("::1/128"),
		ipNet("203.0.113.7/24"),                // public, listed after private ones
		ipNet("fe80::1/64"),                    // link-local: a phone cannot use it without a zone
		ipNet("2001:db8::5/64"),                // IPv6, after IPv4
		ipNet("192.168.1.23/24"),               // the office Wi-Fi
		ipNet("169.254.10.1/16"),               // link-local IPv4
		ipNet("fd00::7/64"),                    // private IPv6
		&net.IPAddr{IP: net.IPv4(10, 0, 0, 1)}, // not an interface's network: ignored
	}
	interfaces := func() ([]net.Addr, error) { return addrs, nil }
	cases := []struct {
		bind string
		want []string
	}{
		{"127.0.0.1", nil},
		{"localhost", nil},
		{"::1", nil},
		{"192.168.1.23", []string{"192.168.1.23"}},
		{"0.0.0.0", []string{"192.168.1.23", "203.0.113.7"}},
		{"::", []string{"192.168.1.23", "fd00::7", "203.0.113.7", "2001:db8::5"}},
	}
	for _, c := range cases {
		var got []string
		for _, ip := range networkIPs(c.bind, interfaces) {
			got = append(got, ip.String())
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("bind %s: got %v, want %v", c.bind, got, c.want)
		}
	}
	failing := func() ([]net.Addr, error) { return nil, errors.New("no interfaces") }
	if got := networkIPs("0.0.0.0", failing); got != nil {
		t.Errorf("interfaces unreadable: got %v", got)
	}
}
