import { describe, expect, it } from 'vitest';
import { janusConfigFiles } from './janusServer.ts';

describe('janusConfigFiles', () => {
  const files = janusConfigFiles('/tmp/janus-x', { address: '10.201.0.1', iceInterface: 'v0', port: 8199, rtpPorts: [20000, 20099] });

  it('binds the WebSocket API to the one address, with no secure or admin sockets', () => {
    const ws = files['janus.transport.websockets.jcfg'];
    expect(ws).toContain('ws_ip = "10.201.0.1"');
    expect(ws).toContain('ws_port = 8199');
    expect(ws).toMatch(/wss = false/);
    expect(ws).toMatch(/admin_ws = false/);
  });

  it('gathers ICE on the one interface only, with no STUN server and no mDNS', () => {
    const core = files['janus.jcfg'];
    expect(core).toContain('ice_enforce_list = "v0"');
    expect(core).toContain('ignore_mdns = true');
    expect(core).not.toMatch(/stun_server|turn_server/);
    expect(core).toContain('rtp_port_range = "20000-20099"');
  });

  it('gathers ICE on every interface but loopback when no interface is named', () => {
    const core = janusConfigFiles('/tmp/janus-x', { address: '127.0.0.1' })['janus.jcfg'];
    expect(core).toContain('ice_ignore_list = "vmnet,lo"');
    expect(core).not.toContain('ice_enforce_list');
  });

  it('loads plugins and transports from its own folders, and no event handlers or loggers', () => {
    const core = files['janus.jcfg'];
    expect(core).toContain('plugins_folder = "/tmp/janus-x/plugins"');
    expect(core).toContain('transports_folder = "/tmp/janus-x/transports"');
    expect(core).toContain('events_folder = "/tmp/janus-x/none"');
    expect(core).toContain('broadcast = false');
  });

  it('declares no static rooms: the transport creates each room with its pin', () => {
    expect(files['janus.plugin.videoroom.jcfg']).not.toMatch(/room-/);
    expect(files['janus.plugin.textroom.jcfg']).not.toMatch(/room-/);
  });
});
