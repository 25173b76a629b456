"""Chinese for the msgids added by the accounts branch (sessions, throttles, minutes saves)."""

T = {
    "Sign out on all devices": "在所有设备上退出",
    "You are signed in %(n)d times (browsers and devices, including this one). Signing out "
    "everywhere ends all of them, also where you chose to stay signed in.":
        "您当前有 %(n)d 处登录（各浏览器和设备，含本机）。在所有设备上退出将结束全部登录，"
        "包括选择了保持登录的电脑。",
    "You have signed out on all devices.": "已在所有设备上退出。",
}
