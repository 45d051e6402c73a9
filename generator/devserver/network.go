package devserver

import (
	"cmp"
	"fmt"
	"net"
	"slices"
)

// networkIPs are the addresses at which other machines can reach a server
// bound to bind: none for loopback, the address itself for one address,
// and for every address (0.0.0.0, ::) those of the interfaces that are
// up, private LAN addresses first (the phone on the office Wi-Fi), IPv4
// before IPv6, link-local ones left out (a phone cannot be told the zone).
func networkIPs(bind string, interfaceAddrs func() ([]net.Addr, error)) []net.IP {
	ip := net.ParseIP(bind)
	switch {
	case ip == nil || ip.IsLoopback():
		return nil // a host name: whoever can resolve it knows the address
	case !ip.IsUnspecified():
		return []net.IP{ip}
	}
	addrs, err := interfaceAddrs()
	if err != nil {
		return nil
	}
	var ips []net.IP
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok || n.IP.IsLoopback() || n.IP.IsLinkLocalUnicast() || n.IP.IsMulticast() {
			continue
		}
		if bind == "0.0.0.0" && n.IP.To4() == nil {
			continue // listening on IPv4 only
		}
		ips = append(ips, n.IP)
	}
	slices.SortStableFunc(ips, func(a, b net.IP) int {
		return cmp.Or(-cmpBool(a.IsPrivate(), b.IsPrivate()), -cmpBool(a.To4() != nil, b.To4() != nil))
	})
	return ips
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// upInterfaceAddrs returns the addresses of the interfaces that are up.
func upInterfaceAddrs() ([]net.Addr, error) {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil, err
	}
	var all []net.Addr
	for _, iface := range ifaces {
		if iface.Flags&net.FlagUp == 0 {
			continue
		}
		if addrs, err := iface.Addrs(); err == nil {
			all = append(all, addrs...)
		}
	}
	return all, nil
}

// NetworkURLs are the addresses of the site's home page that other
// machines on the network can open; none when the server listens on
// loopback only.
func (s *Server) NetworkURLs() []string {
	_, port, _ := net.SplitHostPort(s.listener.Addr().String())
	var urls []string
	for _, ip := range networkIPs(s.opts.Bind, upInterfaceAddrs) {
		urls = append(urls, "http://"+net.JoinHostPort(ip.String(), port)+*s.files.basePath.Load())
	}
	return urls
}

// printNetworkURLs tells the editor where a phone on the same network
// opens the preview, with a QR code of each address when the terminal
// can show one.
func (s *Server) printNetworkURLs() {
	urls := s.NetworkURLs()
	if len(urls) == 0 {
		return
	}
	fmt.Fprintln(s.opts.Log, "on the network (a phone on the same Wi-Fi):")
	for _, u := range urls {
		fmt.Fprintf(s.opts.Log, "  %s\n", u)
		if s.opts.QRCode != nil {
			fmt.Fprint(s.opts.Log, s.opts.QRCode(u))
		}
	}
}
