#!/usr/bin/python3
"""A fake RTSP IP camera for tests: H.264 test pattern with a clock overlay, on 127.0.0.1.

640x360 at 10 fps with a fixed GOP like a real camera's: a keyframe exactly every 2 s (20 frames). scenecut=0
matters: without it x264 adds scene-cut keyframes every ~1.4 s (the ticking clock), and key-int-max is only a cap.

Usage: fake_rtsp_camera.py PORT AUTH USER PASSWORD   (AUTH = none | basic | digest)
Serves rtsp://127.0.0.1:PORT/stream1 and prints "ready" once listening. Needs Debian's
gir1.2-gst-rtsp-server-1.0, python3-gi and the gstreamer plugin packages (see .ci/run).
"""
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

port, auth_mode, user, password = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
Gst.init(None)
server = GstRtspServer.RTSPServer()
server.set_address("127.0.0.1")
server.set_service(port)
factory = GstRtspServer.RTSPMediaFactory()
factory.set_launch(
    "( videotestsrc is-live=true ! video/x-raw,width=640,height=360,framerate=10/1 ! clockoverlay "
    "! x264enc tune=zerolatency speed-preset=veryfast key-int-max=20 option-string=scenecut=0 ! video/x-h264,profile=main "
    "! rtph264pay name=pay0 pt=96 config-interval=1 )")
factory.set_shared(True)
if auth_mode != "none":
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", "user")
    if auth_mode == "basic":
        auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.BASIC)
    else:
        auth.add_digest(user, password, token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST)
    server.set_auth(auth)
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_role_from_structure(Gst.Structure.new_from_string(
        "user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true"))
    factory.set_permissions(permissions)
server.get_mount_points().add_factory("/stream1", factory)
server.attach(None)
print("ready", flush=True)
GLib.MainLoop().run()
